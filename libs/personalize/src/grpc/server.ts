import type { ConfigChannel } from '@hirelearn/config';
import { identifier } from '@hirelearn/contract';
import * as pb from '@hirelearn/proto';
import { InvalidArgumentError, unary } from '@hirelearn/rpc';
import type { DocumentStore } from '@hirelearn/store';
import { readPersonalizedConfig } from '../store';
import { personalizedConfigToPb } from './convert';

/** The user id of a request, by the event contract's rule for identifiers (1-128 characters). */
function userIdOf(r: pb.GetPersonalizedConfigRequest): string {
  const parsed = identifier.safeParse(r.user_id);
  if (!parsed.success)
    throw new InvalidArgumentError(
      `user_id: ${parsed.error.issues[0].message} (the event contract's identifiers are 1-128 characters)`,
    );
  return parsed.data;
}

/**
 * The Personalization service's handler: a user's published configuration over the layers'
 * configuration in force (the channel's current versions). A user id outside the contract's
 * rule is INVALID_ARGUMENT naming the field; a user with none (unknown, erased, not computed
 * yet) NOT_FOUND naming the rule.
 */
export function createPersonalizationServer(
  documents: DocumentStore,
  channel: ConfigChannel,
): {
  service: typeof pb.PersonalizationService;
  implementation: pb.PersonalizationServer;
  endStreams: () => void;
} {
  return {
    service: pb.PersonalizationService,
    implementation: {
      getPersonalizedConfig: unary(async (r: pb.GetPersonalizedConfigRequest) => ({
        config: personalizedConfigToPb(
          await readPersonalizedConfig(documents, channel, userIdOf(r)),
        ),
      })),
    },
    // Unary only: no stream to end at shutdown.
    endStreams: () => undefined,
  };
}
