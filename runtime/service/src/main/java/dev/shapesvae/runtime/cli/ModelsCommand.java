package dev.shapesvae.runtime.cli;

import dev.shapesvae.cli.ModelsFolder;
import dev.shapesvae.repository.BundleException;
import dev.shapesvae.repository.Inventory;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelManifest;
import dev.shapesvae.repository.ModelRepository;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code runtime models}: lists every version of every model and verifies each bundle. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"List and verify the bundles in a model repository; exits 1 if any is broken.",
            "Entries that are not model versions (stray folders, files) are skipped with a warning."})
final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelsFolder models;

    @Override
    public Integer call() {
        ModelRepository repository = models.open();
        PrintWriter out = spec.commandLine().getOut();
        int broken = 0;
        Inventory inventory = repository.inventory();
        PrintWriter err = spec.commandLine().getErr();
        inventory.skipped().forEach(skipped -> err.println("warning: skipping " + skipped));
        err.flush();
        out.printf("%-20s %7s %-4s %6s %8s %-6s %s%n", "model", "version", "kind", "latent", "epochs", "device", "status");
        for (Map.Entry<String, List<Integer>> model : inventory.models().entrySet()) {
            String name = model.getKey();
            for (int version : model.getValue()) {
                try {
                    ModelBundle bundle = repository.load(name, version);
                    ModelManifest m = bundle.manifest();
                    out.printf("%-20s %7d %-4s %6d %8d %-6s %s%n", name, version, m.kind().label(), m.latentDim(),
                            m.training().epochs(), m.training().device(), "ok");
                } catch (BundleException e) {
                    broken++;
                    out.printf("%-20s %7d %-4s %6s %8s %-6s %s%n", name, version, "?", "?", "?", "?", "BROKEN: " + e.getMessage());
                }
            }
        }
        out.flush();
        return broken == 0 ? 0 : 1;
    }
}
