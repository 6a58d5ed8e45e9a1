package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.RouteState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Buckets computed once from the bucketing formula of docs/architecture.md, "Bucketing" (Guava's murmur3_32_fixed
 * of {@code salt + ":" + key}, scaled to 10,000), and written down here. A change of algorithm would move users from
 * one side to the other on deploy; the design wants that to be an explicit new {@code bucketingVersion}, never a
 * silent reshuffle, so any change here must fail loudly.
 */
class BucketingGoldenValuesTest {

    @ParameterizedTest(name = "bucket({0}, {1}) = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "cv-analyzer | user-1                               | 3584",
        "cv-analyzer | user-2                               | 7282",
        "cv-analyzer | user-42                              | 6463",
        "cv-analyzer | ''                                   | 6946",
        "hiring      | tenant-7                             | 2184",
        "orders      | 0                                    | 2020",
        "orders      | 9f1c2a7e-3b4d-4c5e-8f60-1a2b3c4d5e6f | 6145",
        "cv-analyzer | Zoë                                  | 7733",
        "cv-analyzer | 用户-甲                               | 3477",
        "cv-analyzer | emoji-\uD83D\uDE00                    | 6444",
    })
    void bucketsAreTheRecordedOnes(String salt, String key, int bucket) {
        assertThat(Bucketing.bucket(salt, key)).isEqualTo(bucket);
    }

    @Test
    void theRecordedValuesAreThoseOfVersionOne() {
        // The golden values above belong to bucketing version 1. A new algorithm needs a new version number (and
        // a migration plan), and new golden values next to these.
        assertThat(RouteState.CURRENT_BUCKETING_VERSION).isEqualTo(1);
        assertThat(Bucketing.BUCKETS).isEqualTo(10_000);
    }

    @Test
    void theSaltAndKeyAreJoinedWithOneColon() {
        // A consequence of the formula, recorded so that nobody is surprised: the separator is not escaped, so a
        // colon may move between cohort and key without changing the bucket.
        assertThat(Bucketing.bucket("a:b", "c")).isEqualTo(4227).isEqualTo(Bucketing.bucket("a", "b:c"));
        // ... and the separator is really there: without it the bucket is another one.
        assertThat(Bucketing.bucket("a", "bc")).isNotEqualTo(4227);
    }
}
