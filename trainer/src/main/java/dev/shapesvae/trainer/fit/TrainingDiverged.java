package dev.shapesvae.trainer.fit;

import dev.shapesvae.cli.Cli;

/** The loss became NaN or infinite; training stopped and the last good checkpoint was kept. */
public final class TrainingDiverged extends Cli.UserError {
    private static final long serialVersionUID = 1L;

    public TrainingDiverged(String message) {
        super(message);
    }
}
