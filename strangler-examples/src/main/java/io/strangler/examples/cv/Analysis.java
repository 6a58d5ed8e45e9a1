package io.strangler.examples.cv;

import java.util.Set;

/**
 * The skills found in a CV.
 *
 * @param skills the skills, lower case
 * @param engine which implementation produced it
 * @param requestId a fresh id per analysis: differs between any two answers, so shadow comparison learns it as noise
 */
public record Analysis(Set<String> skills, String engine, String requestId) {
}
