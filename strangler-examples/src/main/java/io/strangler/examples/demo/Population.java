package io.strangler.examples.demo;

import io.strangler.examples.cv.TargetRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The platform's users, drawn from a seed. Large enough (50,000) that the 1 % step of a plan holds some 500 users, so
 * that modern's share of the calls follows its share of the users closely and the throughput trigger has nothing to
 * misread.
 */
final class Population {

    /** How many users the platform has. */
    static final int SIZE = 50_000;
    /**
     * The skills CVs mention, as people write them. "JavaScript" is the one the legacy analyzer misreads as "java";
     * "Terraform" is one neither analyzer knows.
     */
    static final List<String> SKILLS = List.of("Java", "Kotlin", "SQL", "Kafka", "Spring", "Python", "AWS",
            "JavaScript", "Terraform");

    private final List<User> users;
    private final SplittableRandom random;

    /**
     * Draws the users.
     *
     * @param draw the draws of the users and of who comes next
     */
    Population(SplittableRandom draw) {
        TargetRole[] roles = TargetRole.values();
        List<User> made = new ArrayList<>(SIZE);
        for (int i = 0; i < SIZE; i++) {
            List<String> skills = new ArrayList<>();
            int count = 2 + draw.nextInt(3);
            while (skills.size() < count) {
                String skill = SKILLS.get(draw.nextInt(SKILLS.size()));
                if (!skills.contains(skill)) {
                    skills.add(skill);
                }
            }
            made.add(new User(String.format(Locale.ROOT, "user-%05d", i), roles[draw.nextInt(roles.length)], skills,
                    1 + draw.nextInt(15)));
        }
        this.users = List.copyOf(made);
        this.random = draw.split();
    }

    /**
     * The next user to come, drawn uniformly.
     *
     * @return a user
     */
    User next() {
        return users.get(random.nextInt(users.size()));
    }

    /**
     * A skill a user might learn, drawn.
     *
     * @return a skill as CVs write it
     */
    String someSkill() {
        return SKILLS.get(random.nextInt(SKILLS.size()));
    }

    /**
     * A draw for a user's choice, such as whether to look at their history.
     *
     * @return a number in {@code [0, 1)}
     */
    double chance() {
        return random.nextDouble();
    }
}
