package dev.shapesvae.analysis.cli;

import dev.shapesvae.analysis.report.ContactSheet;
import dev.shapesvae.dataset.DatasetStatistics;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.image.Png;
import dev.shapesvae.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code analysis dataset}: prints the dataset's counts and writes a contact sheet and a CSV. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Print the dataset's counts; write contact-sheet.png and dataset-counts.csv to --out.")
final class DatasetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, description = "Folder for the contact sheet and the counts (created if missing).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " exists and is not a folder");
        }
        Files.createDirectories(out);
        ShapesDataset dataset = ShapesDataset.standard();
        DatasetStatistics stats = DatasetStatistics.of(dataset);
        Path sheet = out.resolve("contact-sheet.png");
        Png.write(ContactSheet.render(dataset), sheet);
        Path csv = out.resolve("dataset-counts.csv");
        AtomicFiles.writeString(csv, stats.toCsv());

        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(stats.toText());
        stdout.println();
        stdout.println("wrote " + sheet);
        stdout.println("wrote " + csv);
        stdout.flush();
        return 0;
    }
}
