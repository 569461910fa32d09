package io.tradeflow.gateway.service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Where a partner wants its outbound documents pushed, and the optional secret that signs each push. */
public record WebhookRegistration(
        @NotBlank @Size(max = 500) @Pattern(regexp = "(?i)https?://[^\\s/?#]+[^\\s]*",
                message = "must be an absolute http or https URL") String url,
        @Size(min = 16, max = 200, message = "must be 16 to 200 characters") String secret) {
}
