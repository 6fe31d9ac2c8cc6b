package org.sharercloud.runtime.internal;

import static org.junit.Assert.assertEquals;

import java.nio.file.Path;

import org.junit.Test;
import org.sharercloud.api.ApiException;

public class SpecsTest {
    @Test
    public void inputNamesStayUnderInput() {
        assertEquals(Path.of("a/b.txt"), Specs.inputPath("a/./b.txt"));
        for (String bad : new String[] { "../x", "/etc/passwd", "a/../../x", "", "..", "a\\b" }) {
            try {
                Specs.inputPath(bad);
                throw new AssertionError("accepted input name " + bad);
            } catch (ApiException e) {
                assertEquals(400, e.status());
                assertEquals("inputs", e.field());
            }
        }
    }

    @Test
    public void limitsAreChecked() {
        Specs.limits(0, 0);
        try {
            Specs.limits(-1, 10);
            throw new AssertionError("accepted negative cpu");
        } catch (ApiException e) {
            assertEquals("cpuMillis", e.field());
        }
    }
}
