package dev.kontextbot.conversation.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionRefTest {

    @Test
    void readsTheWaysPeopleNameVersions() {
        assertThat(VersionRef.parse("v3")).isEqualTo(new VersionRef.ByNumber(3));
        assertThat(VersionRef.parse("V12")).isEqualTo(new VersionRef.ByNumber(12));
        assertThat(VersionRef.parse(" 3 ")).isEqualTo(new VersionRef.ByNumber(3));
        assertThat(VersionRef.parse("#4")).isEqualTo(new VersionRef.ByNumber(4));
        assertThat(VersionRef.parse("version 2")).isEqualTo(new VersionRef.ByNumber(2));
        assertThat(VersionRef.parse("the original")).isEqualTo(new VersionRef.Original());
        assertThat(VersionRef.parse("The first one.")).isEqualTo(new VersionRef.Original());
        assertThat(VersionRef.parse("original")).isEqualTo(new VersionRef.Original());
        assertThat(VersionRef.parse("the previous one")).isEqualTo(new VersionRef.Previous());
        assertThat(VersionRef.parse("previous")).isEqualTo(new VersionRef.Previous());
        assertThat(VersionRef.parse("3f9a12c0-7")).isEqualTo(new VersionRef.ById("3f9a12c0-7"));
    }

    @Test
    void refusesNothingAndVersionZero() {
        assertThatThrownBy(() -> VersionRef.parse(" ")).isInstanceOfSatisfying(UnnamedVersionException.class,
                e -> assertThat(e.refusal()).isEqualTo(new Refusal.NoVersionNamed()));
        assertThatThrownBy(() -> VersionRef.parse("v0")).isInstanceOfSatisfying(UnnamedVersionException.class,
                e -> assertThat(e.refusal()).isEqualTo(new Refusal.NumberedFromOne()));
    }
}
