package dev.shapesvae.analysis.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.function.UnaryOperator;

/**
 * The report's HTML and Markdown, each a Mustache template (resources beside this class) filled
 * from one {@link ReportPage}. Each format escapes what {@code {{value}}} embeds in its own way:
 * HTML its markup characters, Markdown the pipe that would end a table cell; {@code {{{value}}}}
 * embeds Markdown's prose as it is. The table partials end without a newline because mustache.java
 * keeps the newline after a partial tag that stands on its own line.
 */
final class ReportTemplates {
    private static final String FOLDER = "dev/shapesvae/analysis/report/";
    private static final Mustache HTML = compile("index.html.mustache", ReportTemplates::escapeHtml);
    private static final Mustache MARKDOWN = compile("report.md.mustache", text -> text.replace("|", "\\|"));

    private ReportTemplates() {
    }

    static String html(ReportPage page) {
        return render(HTML, page);
    }

    static String markdown(ReportPage page) {
        return render(MARKDOWN, page);
    }

    static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String render(Mustache template, ReportPage page) {
        StringWriter out = new StringWriter();
        template.execute(out, page);
        return out.toString();
    }

    private static Mustache compile(String name, UnaryOperator<String> escape) {
        DefaultMustacheFactory factory = new DefaultMustacheFactory(FOLDER) {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(escape.apply(value));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        return factory.compile(name);
    }
}
