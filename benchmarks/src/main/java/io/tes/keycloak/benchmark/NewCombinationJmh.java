package io.tes.keycloak.benchmark;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.keycloak.models.RoleModel;
import org.keycloak.representations.AccessToken;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first token for a combination of roles never seen before: before each call, {@code roles} roles are drawn at
 * random (and in random order) from a realm of 10 times as many, so the permissions mapper never finds the union in
 * its cache (it holds at most 1,000 unions; a repeated draw is vanishingly rare) and merges it. The roles themselves
 * were read by earlier tokens, as the realm's roles are in a running server; only their combination is new.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NewCombinationJmh {

    @Param({"100"})
    public int roles;

    private final Random random = new Random(15);
    private MapperFixture fixture;
    private RoleModel[] realmRoles;
    private RoleModel[] drawn;

    @Setup
    public void setUp() {
        drawn = new RoleModel[roles];
        fixture = new MapperFixture(() -> Arrays.stream(drawn));
        List<RoleModel> all = fixture.roles(0, roles * 10);
        realmRoles = all.toArray(RoleModel[]::new);
    }

    /** A partial Fisher-Yates shuffle: the first {@code roles} of the realm's roles after it are the draw. */
    @Setup(Level.Invocation)
    public void draw() {
        for (int i = 0; i < roles; i++) {
            int j = i + random.nextInt(realmRoles.length - i);
            RoleModel swapped = realmRoles[i];
            realmRoles[i] = realmRoles[j];
            realmRoles[j] = swapped;
            drawn[i] = realmRoles[i];
        }
    }

    @Benchmark
    public AccessToken permissionsMapper() {
        return fixture.permissionsMapper();
    }

    @Benchmark
    public AccessToken builtInRealmRoleMapper() {
        return fixture.builtInRealmRoleMapper();
    }
}
