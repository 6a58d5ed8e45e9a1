package io.strangler.console.browser;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium for the console's browser tests: finds the browser and its driver on this machine (no download,
 * no Selenium Manager), and starts a {@link ChromeDriver} that keeps the browser's console log.
 *
 * <p>The browser is {@code $CHROME_BIN}, else {@code chromium}, {@code chromium-browser}, {@code google-chrome} on
 * the PATH, else {@code /usr/bin/chromium} or {@code /usr/lib/chromium/chromium}; the driver {@code $CHROMEDRIVER},
 * else {@code chromedriver} on the PATH, else {@code /usr/bin/chromedriver} or
 * {@code /usr/lib/chromium/chromedriver}. Without them the tests are skipped, except in CI ({@code CI=true}), where
 * they fail: a CI that skips its browser tests would pass with a broken page.
 */
final class Chromium {

    static final String MISSING = "Chromium and chromedriver not found (apt install chromium chromium-driver); "
            + "the console's browser tests skip";

    private static final Pattern PATH_SEPARATOR = Pattern.compile(Pattern.quote(File.pathSeparator));

    private Chromium() {
    }

    /**
     * Starts headless Chromium, 1400 x 1000 CSS pixels at a device pixel ratio of 1, its console log kept.
     *
     * @return the driver; quit it when done
     */
    static ChromeDriver start() {
        Optional<Path> browser = find("CHROME_BIN", List.of("chromium", "chromium-browser", "google-chrome"),
                List.of("/usr/bin/chromium", "/usr/lib/chromium/chromium"));
        Optional<Path> driver = find("CHROMEDRIVER", List.of("chromedriver"),
                List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"));
        if (browser.isEmpty() || driver.isEmpty()) {
            String message = MISSING + " (browser: " + browser.map(Path::toString).orElse("none") + ", driver: "
                    + driver.map(Path::toString).orElse("none") + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--force-device-scale-factor=1", "--hide-scrollbars", "--lang=en-US",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--font-render-hinting=none");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        return new ChromeDriver(service, options);
    }

    /**
     * The SEVERE entries of the browser's console log since the last call: uncaught errors, {@code console.error},
     * failed requests.
     *
     * @param driver the driver
     * @return their messages
     */
    static List<String> severe(ChromeDriver driver) {
        List<String> out = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                out.add(entry.getMessage());
            }
        }
        return out;
    }

    private static Optional<Path> find(String variable, List<String> names, List<String> fallbacks) {
        String override = System.getenv(variable);
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override.trim());
            return executable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : PATH_SEPARATOR.split(path)) {
                if (dir.isBlank()) {
                    continue;
                }
                for (String name : names) {
                    Path p = Path.of(dir, name);
                    if (executable(p)) {
                        return Optional.of(p);
                    }
                }
            }
        }
        return fallbacks.stream().map(Path::of).filter(Chromium::executable).findFirst();
    }

    private static boolean executable(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }
}
