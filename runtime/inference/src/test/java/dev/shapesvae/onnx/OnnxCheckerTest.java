package dev.shapesvae.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import dev.shapesvae.testing.OnnxChecker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX project's own checker, not ours, accepts every model we export: {@code check_model}
 * with {@code full_check=True} and strict shape inference (see {@link OnnxChecker}). Skipped,
 * with the reason, where Debian's python3-onnx is missing; {@code .ci/run} installs it.
 */
class OnnxCheckerTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void requireTheChecker() {
        OnnxChecker.unavailability().ifPresent(reason -> Assumptions.abort("the real ONNX checker cannot run here: " + reason));
    }

    @Test
    void everyExportedModelPassesTheFullCheckAndStrictShapeInference() throws Exception {
        Map<String, byte[]> models = ExportedModels.all(dir.resolve("models"));
        List<Path> files = OnnxChecker.writeAll(models, Files.createDirectory(dir.resolve("onnx")));

        Map<Path, String> verdicts = OnnxChecker.check(files);

        assertThat(verdicts.keySet()).containsExactlyElementsOf(files);
        assertThat(verdicts).allSatisfy((file, verdict) -> assertThat(verdict).as(file.getFileName().toString()).isEqualTo("OK"));
    }

    /** The checker is not vacuous here: it rejects what our files used to be and a declared shape that lies. */
    @Test
    void theCheckerRejectsTheOldAliasDomainAndAWrongDeclaredShape() throws Exception {
        byte[] encoder = ExportedModels.all(dir.resolve("models")).get("vae-ln-encoder");
        OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(encoder);
        OnnxMl.GraphProto.Builder aliased = model.getGraph().toBuilder();
        aliased.getNodeBuilderList().stream().filter(n -> n.getOpType().equals("Relu")).forEach(n -> n.setDomain("ai.onnx"));
        OnnxMl.GraphProto.Builder wrongShape = model.getGraph().toBuilder();
        wrongShape.getOutputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(1).setDimValue(5);
        List<Path> files = OnnxChecker.writeAll(Map.of(
                "aliased", model.toBuilder().setGraph(aliased).build().toByteArray(),
                "wrong-shape", model.toBuilder().setGraph(wrongShape).build().toByteArray()), dir);

        Map<Path, String> verdicts = OnnxChecker.check(files);

        assertThat(verdicts.get(dir.resolve("aliased.onnx"))).contains("No opset import for domain 'ai.onnx'");
        assertThat(verdicts.get(dir.resolve("wrong-shape.onnx"))).contains("Inferred shape and existing shape differ in dimension 1: (4) vs (5)");
    }
}
