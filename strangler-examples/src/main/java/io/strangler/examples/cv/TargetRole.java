package io.strangler.examples.cv;

import java.util.List;

/** The role a user aims for, with the skills the platform expects of it. Reference data both sides of a route read. */
public enum TargetRole {
    /** Services on the JVM. */
    BACKEND("backend engineer", List.of("java", "spring", "sql", "kafka")),
    /** Pipelines and warehouses. */
    DATA("data engineer", List.of("python", "sql", "kafka", "aws")),
    /** Android apps. */
    MOBILE("mobile engineer", List.of("kotlin", "java")),
    /** Infrastructure and tooling. */
    PLATFORM("platform engineer", List.of("aws", "kafka", "python"));

    private final String title;
    private final List<String> requiredSkills;

    TargetRole(String title, List<String> requiredSkills) {
        this.title = title;
        this.requiredSkills = requiredSkills;
    }

    /**
     * The role's title.
     *
     * @return the role's title, as users read it
     */
    public String title() {
        return title;
    }

    /**
     * The skills the role needs, most important first.
     *
     * @return the skills the role needs, lower case, most important first
     */
    public List<String> requiredSkills() {
        return requiredSkills;
    }
}
