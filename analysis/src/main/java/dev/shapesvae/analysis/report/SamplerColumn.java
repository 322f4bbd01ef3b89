package dev.shapesvae.analysis.report;

import dev.shapesvae.analysis.study.ModelStudy;
import dev.shapesvae.analysis.study.SamplerStudy;
import java.util.ArrayList;
import java.util.List;

/**
 * One column of generated images in the report's tables: a sampler of one model version,
 * labelled {@code name vN (kind, sampler)}.
 */
record SamplerColumn(ModelStudy model, SamplerStudy sampler) {
    /** Every sampler of every model, in the models' order and each model's samplers' order. */
    static List<SamplerColumn> of(List<ModelStudy> studies) {
        List<SamplerColumn> columns = new ArrayList<>();
        for (ModelStudy s : studies) {
            s.samplers().forEach(sampler -> columns.add(new SamplerColumn(s, sampler)));
        }
        return columns;
    }

    /**
     * How a row about the model itself names it: {@code name vN (kind)}, the columns' label
     * without the sampler, so that two versions of a model are told apart everywhere.
     */
    static String modelLabel(ModelStudy model) {
        return model.bundle().name() + " v" + model.bundle().version() + " (" + model.bundle().manifest().kind().label() + ")";
    }

    String label() {
        return model.bundle().name() + " v" + model.bundle().version() + " (" + model.bundle().manifest().kind().label() + ", "
                + sampler.sampler() + ")";
    }
}
