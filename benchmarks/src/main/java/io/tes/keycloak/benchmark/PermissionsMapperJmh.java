package io.tes.keycloak.benchmark;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.keycloak.models.RoleModel;
import org.keycloak.representations.AccessToken;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The permissions mapper against Keycloak's built-in "User Realm Role" mapper, for one user with 10, 100 and 1,000
 * effective realm roles of 10 permissions each, each call on a fresh access token (see {@link MapperFixture}): the
 * same roles token after token, so the permissions mapper finds its cached union (the steady state).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PermissionsMapperJmh {

    @Param({"10", "100", "1000"})
    public int roles;

    private MapperFixture fixture;
    private List<RoleModel> effective;

    @Setup
    public void setUp() {
        fixture = new MapperFixture(() -> effective.stream());
        effective = fixture.roles(0, roles);
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
