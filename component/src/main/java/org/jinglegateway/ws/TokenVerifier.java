package org.jinglegateway.ws;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code auth.mode: token}: an HS256 JWT whose {@code sub} is the user and which carries an {@code exp}, checked
 * with auth0's java-jwt. The answer is empty when the token is good, else what is wrong with it in words.
 */
public final class TokenVerifier {
    private final JWTVerifier verifier;

    public TokenVerifier(String secret) {
        this.verifier = JWT.require(Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8)))
                .withClaimPresence("exp")
                .acceptLeeway(5)
                .build();
    }

    /** Empty when {@code token} lets {@code user} register; otherwise the reason it does not. */
    public Optional<String> refuse(String token, String user) {
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(token);
        } catch (TokenExpiredException e) {
            return Optional.of("the token has expired");
        } catch (JWTVerificationException e) {
            return Optional.of("the token is not valid: " + e.getMessage());
        }
        if (!user.equals(jwt.getSubject())) {
            return Optional.of("the token is for another user (its \"sub\" must be \"" + user + "\")");
        }
        return Optional.empty();
    }
}
