package dev.shapesvae.repository;

/** What a model is: its kind, latent size, networks and training hyperparameters. */
public record ModelConfig(ModelKind kind, int latentDim, Architecture architecture, Hyperparameters hyperparameters) {
    public ModelConfig {
        Checks.present("kind", kind);
        Checks.positive("latent dimension", latentDim);
        Checks.present("architecture", architecture);
        Checks.present("hyperparameters", hyperparameters);
    }
}
