package dev.shapesvae.analysis.report.results;

import dev.shapesvae.analysis.study.ModelStudy;
import dev.shapesvae.analysis.study.StudyOptions;
import java.util.List;

/** The whole study as metrics.json holds it: the protocol, then each model's results in the report's order. */
public record StudyResults(StudyOptions options, List<ModelResults> models) {
    public StudyResults {
        Copies.present("options", options);
        models = List.copyOf(Copies.present("models", models));
    }

    public static StudyResults of(StudyOptions options, List<ModelStudy> studies) {
        return new StudyResults(options, studies.stream().map(ModelResults::of).toList());
    }
}
