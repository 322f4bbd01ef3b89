package dev.shapesvae.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each format escapes what it embeds: HTML its markup characters everywhere, Markdown the pipe in table cells. */
class ReportTemplatesTest {
    private static final ReportPage.Table TABLE = new ReportPage.Table(List.of("metric", "m|1 <v1>"),
            List.of(new TableRow("x < y | z", List.of("1 & 2"))));
    private static final ReportPage PAGE = new ReportPage(List.of("a <b> & \"c\""), TABLE, "d <i>", "l <l>", TABLE, "g <g>", TABLE,
            List.of("f <f>"), TABLE, List.of("D <d>"), TABLE, TABLE,
            List.of(new ReportPage.ModelFiguresSection("m<", List.of(new ReportPage.Figure("cap \"q\"", "f\"1.png")))),
            List.of("q(z|x)"), TABLE);

    @Test
    void htmlEscapesEveryEmbeddedString() {
        String html = ReportTemplates.html(PAGE);
        assertThat(html).contains("<li>a &lt;b&gt; &amp; &quot;c&quot;</li>")
                .contains("<table><tr><th>metric</th><th>m|1 &lt;v1&gt;</th></tr>\n<tr><td>x &lt; y | z</td><td>1 &amp; 2</td></tr>\n</table>\n")
                .contains("<p>d &lt;i&gt;</p>")
                .contains("<p>l &lt;l&gt;</p>").contains("<p>g &lt;g&gt;</p>").contains("<li>f &lt;f&gt;</li>").contains("<li>D &lt;d&gt;</li>")
                .contains("<h3>m&lt;</h3>\n<figure><img src=\"f&quot;1.png\" alt=\"cap &quot;q&quot;\"><figcaption>cap &quot;q&quot;</figcaption></figure>")
                .contains("<li>q(z|x)</li>")
                .doesNotContain("<b>").doesNotContain("<i>").doesNotContain("<v1>").doesNotContain("<l>").doesNotContain("<f>");
    }

    @Test
    void markdownEscapesThePipeInTableCellsAndLeavesProseAsItIs() {
        String md = ReportTemplates.markdown(PAGE);
        assertThat(md).contains("| metric | m\\|1 <v1> |\n|---|---|\n| x < y \\| z | 1 & 2 |\n")
                .contains("- a <b> & \"c\"\n")
                .contains("\n\nd <i>\n\n")
                .contains("\n\nl <l>\n\n").contains("\n\ng <g>\n\n").contains("- f <f>\n").contains("- D <d>\n")
                .contains("### m<\n\n![cap \"q\"](f\"1.png)\n\n")
                .contains("- q(z|x)\n")
                .endsWith("| x < y \\| z | 1 & 2 |\n");
    }
}
