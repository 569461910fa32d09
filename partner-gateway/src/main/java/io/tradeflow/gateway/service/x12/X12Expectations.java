package io.tradeflow.gateway.service.x12;

import java.util.Set;

/**
 * What a partner's profile says its interchanges must look like.
 *
 * @param version      the profile's X12 version, e.g. 004010 (ISA12 00401, GS08 004010)
 * @param documentTypes transaction sets the partner may send (e.g. 850, 997)
 */
public record X12Expectations(String senderQualifier, String senderId, String receiverQualifier, String receiverId,
                              String version, Set<String> documentTypes) {
}
