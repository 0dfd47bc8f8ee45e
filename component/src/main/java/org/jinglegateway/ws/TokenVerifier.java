package org.jinglegateway.ws;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.Verification;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jinglegateway.config.GatewayConfig;
import org.xmpp.packet.JID;

/**
 * {@code auth.mode: token}: an HS256 JWT (RFC 7519) whose {@code sub} is the user and which carries an {@code exp},
 * checked with auth0's java-jwt; optionally its {@code iss}, its {@code aud} and how long it lives. The answer is
 * empty when the token is good, else what is wrong with it in words (it goes to the browser in an error frame).
 */
public final class TokenVerifier {
    /** Seconds of clock skew forgiven on {@code exp}, {@code nbf} and {@code iat}. */
    private static final long LEEWAY_SECONDS = 5;

    private final JWTVerifier verifier;
    private final Optional<String> issuer;
    private final Optional<String> audience;
    private final Optional<Duration> maxLifetime;
    private final Clock clock;

    /** Signature and {@code exp} only. */
    public TokenVerifier(String secret) {
        this(secret, Optional.empty(), Optional.empty(), Optional.empty(), Clock.systemUTC());
    }

    /** The verifier for the {@code auth} settings: empty issuer, audience and 0 lifetime are not checked. */
    public static TokenVerifier of(GatewayConfig.Auth auth, Clock clock) {
        return new TokenVerifier(auth.tokenSecret(), Optional.of(auth.tokenIssuer()).filter(s -> !s.isEmpty()),
                Optional.of(auth.tokenAudience()).filter(s -> !s.isEmpty()),
                auth.tokenMaxLifetimeSeconds() == 0 ? Optional.empty()
                        : Optional.of(Duration.ofSeconds(auth.tokenMaxLifetimeSeconds())), clock);
    }

    /**
     * Signature and {@code exp}, and each optional check that is present.
     *
     * @param issuer      the {@code iss} a token must carry ({@code auth.token-issuer})
     * @param audience    a value its {@code aud} must hold ({@code auth.token-audience})
     * @param maxLifetime the longest a token may live: {@code exp - iat}, or {@code exp - now} without {@code iat}
     *                    ({@code auth.token-max-lifetime-seconds})
     */
    public TokenVerifier(String secret, Optional<String> issuer, Optional<String> audience,
                         Optional<Duration> maxLifetime, Clock clock) {
        Verification v = JWT.require(Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8)))
                .withClaimPresence("exp")
                .acceptLeeway(LEEWAY_SECONDS);
        issuer.ifPresent(v::withIssuer);
        audience.ifPresent(v::withAudience);
        this.verifier = ((JWTVerifier.BaseVerification) v).build(clock);
        this.issuer = issuer;
        this.audience = audience;
        this.maxLifetime = maxLifetime;
        this.clock = clock;
    }

    /** Empty when {@code token} lets {@code user} (already nodeprepped) register; otherwise why it does not. */
    public Optional<String> refuse(String token, String user) {
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(token);
        } catch (TokenExpiredException e) {
            return Optional.of("the token has expired");
        } catch (SignatureVerificationException e) {
            return Optional.of("the token's signature does not match: it must be HS256 with the gateway's token"
                    + " secret");
        } catch (AlgorithmMismatchException e) {
            return Optional.of("the token must be signed with HS256");
        } catch (JWTDecodeException e) {
            return Optional.of("the token is not a JWT (RFC 7519): three base64url parts with a JSON header and"
                    + " payload");
        } catch (MissingClaimException e) {
            return Optional.of("the token has no \"" + e.getClaimName() + "\" claim");
        } catch (IncorrectClaimException e) {
            return Optional.of(incorrect(e.getClaimName()));
        } catch (JWTVerificationException e) {
            return Optional.of("the token is not valid: " + e.getMessage());
        }
        Optional<String> tooLong = lifetime(jwt);
        if (tooLong.isPresent()) {
            return tooLong;
        }
        // the same folding as the user name (RFC 7622 nodeprep), so "Alice" in sub matches user "alice"
        String sub;
        try {
            sub = jwt.getSubject() == null ? null : JID.nodeprep(jwt.getSubject());
        } catch (IllegalArgumentException e) {
            sub = null;
        }
        if (!user.equals(sub)) {
            return Optional.of("the token is for another user (its \"sub\" must be \"" + user + "\")");
        }
        return Optional.empty();
    }

    private String incorrect(String claim) {
        return switch (claim) {
            case "iss" -> "the token's \"iss\" must be \"" + issuer.orElse("") + "\"";
            case "aud" -> "the token's \"aud\" must include \"" + audience.orElse("") + "\"";
            case "nbf" -> "the token is not valid yet (\"nbf\" is in the future)";
            case "iat" -> "the token's \"iat\" is in the future";
            default -> "the token's \"" + claim + "\" claim is not valid";
        };
    }

    private Optional<String> lifetime(DecodedJWT jwt) {
        if (maxLifetime.isEmpty()) {
            return Optional.empty();
        }
        Instant exp = jwt.getExpiresAtAsInstant();
        Instant iat = jwt.getIssuedAtAsInstant();
        Instant from = iat == null ? clock.instant() : iat;
        long seconds = Duration.between(from, exp).toSeconds();
        long max = maxLifetime.get().toSeconds();
        if (seconds <= max) {
            return Optional.empty();
        }
        return Optional.of("the token lives too long: its \"exp\" is " + seconds + " s after "
                + (iat == null ? "now (it has no \"iat\")" : "its \"iat\"") + ", and at most " + max
                + " s are allowed");
    }
}
