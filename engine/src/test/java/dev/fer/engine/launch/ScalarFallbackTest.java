package dev.fer.engine.launch;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without jdk.incubator.vector the engine runs on its scalar kernels and never touches a Vector class. */
class ScalarFallbackTest {
    @Test
    void engineRunsOnScalarKernelsWithoutTheVectorModule() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                FallbackProbe.class.getName()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe JVM finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("vector api loaded: false"), out);
        assertTrue(out.contains("kernels: scalar"), out);
        assertTrue(out.contains("trained: loss"), out);
        assertTrue(!out.contains("Exception"), out);
    }
}
