package org.jinglegateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jinglegateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;

final class TokenVerifierTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-12-04T15:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final TokenVerifier plain = new TokenVerifier(SECRET, Optional.empty(), Optional.empty(),
            Optional.empty(), CLOCK);
    private final TokenVerifier strict = new TokenVerifier(SECRET, Optional.of("https://app.example.org"),
            Optional.of("gw.example.org"), Optional.of(Duration.ofMinutes(10)), CLOCK);

    private static JWTCreator.Builder token(String sub) {
        return JWT.create().withSubject(sub).withExpiresAt(NOW.plusSeconds(60));
    }

    private static String sign(JWTCreator.Builder b) {
        return b.sign(Algorithm.HMAC256(SECRET.getBytes(StandardCharsets.UTF_8)));
    }

    private static JWTCreator.Builder good() {
        return token("alice").withIssuer("https://app.example.org").withAudience("gw.example.org")
                .withIssuedAt(NOW);
    }

    @Test
    void tokenForTheUser_isTaken() {
        assertThat(plain.refuse(sign(token("alice")), "alice")).isEmpty();
        assertThat(strict.refuse(sign(good()), "alice")).isEmpty();
    }

    @Test
    void subInAnotherCase_isFoldedLikeTheUserName() {
        assertThat(plain.refuse(sign(token("Alice")), "alice")).isEmpty();
    }

    @Test
    void subOfAnotherUser_isRefusedNamingTheUser() {
        assertThat(plain.refuse(sign(token("mallory")), "alice"))
                .contains("the token is for another user (its \"sub\" must be \"alice\")");
    }

    @Test
    void subThatNodeprepRefuses_isRefusedAsAnotherUser() {
        assertThat(plain.refuse(sign(token("al@ice")), "alice"))
                .contains("the token is for another user (its \"sub\" must be \"alice\")");
        assertThat(plain.refuse(sign(JWT.create().withExpiresAt(NOW.plusSeconds(60))), "alice"))
                .contains("the token is for another user (its \"sub\" must be \"alice\")");
    }

    @Test
    void expiredToken_isRefused() {
        assertThat(plain.refuse(sign(token("alice").withExpiresAt(NOW.minusSeconds(600))), "alice"))
                .contains("the token has expired");
    }

    @Test
    void tokenWithoutExp_isRefused() {
        assertThat(plain.refuse(sign(JWT.create().withSubject("alice")), "alice"))
                .contains("the token has no \"exp\" claim");
    }

    @Test
    void wrongSignature_isRefused() {
        String forged = JWT.create().withSubject("alice").withExpiresAt(NOW.plusSeconds(60))
                .sign(Algorithm.HMAC256("another-secret-another-secret-xx".getBytes(StandardCharsets.UTF_8)));
        assertThat(plain.refuse(forged, "alice")).contains("the token's signature does not match: it must be HS256"
                + " with the gateway's token secret");
    }

    @Test
    void unsignedToken_isRefusedAsTheWrongAlgorithm() {
        assertThat(plain.refuse(token("alice").sign(Algorithm.none()), "alice"))
                .contains("the token must be signed with HS256");
    }

    @Test
    void garbage_isRefusedAsNotAJwt() {
        assertThat(plain.refuse("not-a-token", "alice")).contains("the token is not a JWT (RFC 7519): three"
                + " base64url parts with a JSON header and payload");
    }

    @Test
    void wrongOrMissingIssuer_isRefusedNamingTheIssuer() {
        assertThat(strict.refuse(sign(good().withIssuer("https://evil.example.org")), "alice"))
                .contains("the token's \"iss\" must be \"https://app.example.org\"");
        assertThat(strict.refuse(sign(token("alice").withAudience("gw.example.org").withIssuedAt(NOW)), "alice"))
                .contains("the token has no \"iss\" claim");
    }

    @Test
    void wrongAudience_isRefusedNamingTheAudience() {
        assertThat(strict.refuse(sign(good().withAudience("other.example.org")), "alice"))
                .contains("the token's \"aud\" must include \"gw.example.org\"");
        assertThat(strict.refuse(sign(good().withAudience("other.example.org", "gw.example.org")), "alice"))
                .isEmpty();
    }

    @Test
    void lifetimeFromIatPastTheMaximum_isRefused() {
        assertThat(strict.refuse(sign(good().withIssuedAt(NOW.minusSeconds(600)).withExpiresAt(NOW.plusSeconds(1))),
                "alice")).contains("the token lives too long: its \"exp\" is 601 s after its \"iat\", and at most"
                + " 600 s are allowed");
        assertThat(strict.refuse(sign(good().withIssuedAt(NOW).withExpiresAt(NOW.plusSeconds(600))), "alice"))
                .isEmpty();
    }

    @Test
    void tokenExpiringIn2200WithoutIat_isRefused() {
        Instant in2200 = Instant.parse("2200-01-01T00:00:00Z");
        JWTCreator.Builder b = JWT.create().withSubject("alice").withIssuer("https://app.example.org")
                .withAudience("gw.example.org").withExpiresAt(in2200);
        assertThat(strict.refuse(sign(b), "alice")).contains("the token lives too long: its \"exp\" is "
                + Duration.between(NOW, in2200).toSeconds() + " s after now (it has no \"iat\"), and at most 600 s"
                + " are allowed");
        assertThat(plain.refuse(sign(token("alice").withExpiresAt(in2200)), "alice")).isEmpty();
    }

    @Test
    void emptySettings_checkNeitherIssuerAudienceNorLifetime() {
        TokenVerifier fromSettings = TokenVerifier.of(new GatewayConfig.Auth(GatewayConfig.Mode.TOKEN, SECRET, "",
                "", 0), CLOCK);
        assertThat(fromSettings.refuse(sign(token("alice").withExpiresAt(Instant.parse("2200-01-01T00:00:00Z"))),
                "alice")).isEmpty();
        TokenVerifier limited = TokenVerifier.of(new GatewayConfig.Auth(GatewayConfig.Mode.TOKEN, SECRET,
                "https://app.example.org", "gw.example.org", 600), CLOCK);
        assertThat(limited.refuse(sign(good()), "alice")).isEmpty();
        assertThat(limited.refuse(sign(token("alice")), "alice")).contains("the token has no \"iss\" claim");
    }

    @Test
    void iatInTheFuture_isRefused() {
        assertThat(strict.refuse(sign(good().withIssuedAt(NOW.plusSeconds(60)).withExpiresAt(NOW.plusSeconds(120))),
                "alice")).contains("the token's \"iat\" is in the future");
    }

    @Test
    void notBeforeInTheFuture_isRefused() {
        assertThat(plain.refuse(sign(token("alice").withNotBefore(NOW.plusSeconds(30))), "alice"))
                .contains("the token is not valid yet (\"nbf\" is in the future)");
    }
}
