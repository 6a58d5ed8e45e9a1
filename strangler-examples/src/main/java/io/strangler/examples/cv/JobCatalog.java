package io.strangler.examples.cv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The open positions: 48 jobs of a dozen companies, posted through three job boards. Fixed reference data that both
 * sides of the recommendation routes read, as they would read the same jobs table.
 */
public final class JobCatalog {

    /** The job boards the platform applies through. */
    public static final List<String> PARTNERS = List.of("jobboard-north", "jobboard-south", "employer-direct");

    private static final String[] COMPANIES = {"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay",
        "Stark", "Wayne", "Tyrell", "Cyberdyne", "Soylent", "Wonka"};
    private static final String[] EXTRA_SKILLS = {"aws", "kafka", "sql", "python", "spring", "kotlin", "java"};

    private static final JobCatalog STANDARD = new JobCatalog(build());

    private final List<Job> jobs;

    private JobCatalog(List<Job> jobs) {
        this.jobs = Collections.unmodifiableList(jobs);
    }

    /**
     * The platform's jobs.
     *
     * @return the catalog
     */
    public static JobCatalog standard() {
        return STANDARD;
    }

    /**
     * Every job, by id.
     *
     * @return every job, in the order of their ids
     */
    public List<Job> jobs() {
        return jobs;
    }

    private static List<Job> build() {
        List<Job> jobs = new ArrayList<>();
        TargetRole[] roles = TargetRole.values();
        for (int i = 0; i < 48; i++) {
            TargetRole role = roles[i % roles.length];
            int take = Math.min(role.requiredSkills().size(), 2 + i % 2);
            Set<String> skills = new LinkedHashSet<>(role.requiredSkills().subList(0, take));
            skills.add(EXTRA_SKILLS[i % EXTRA_SKILLS.length]);
            String title = (i % 3 == 0 ? "Senior " : "") + role.title();
            jobs.add(new Job(String.format(Locale.ROOT, "job-%03d", i + 1), title, COMPANIES[i % COMPANIES.length],
                    PARTNERS.get(i % PARTNERS.size()), role, skills));
        }
        return jobs;
    }
}
