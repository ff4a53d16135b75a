/**
 * The learning engine's Assign over gRPC, for callers that ask the engine instead of running
 * the GrowthBook SDK on the exported features themselves (both give the same variants).
 * Failed calls reject with the HirelearnError classes of @hirelearn/proto.
 */
import * as pb from '@hirelearn/proto';
import {
  clientConnection,
  clientSecuritySettings,
  unaryCall,
  type ClientSecuritySettings,
} from '@hirelearn/rpc';
import type { Assignment, AssignmentReason } from '../assignment/assigner';
import type { VariantValue } from '../types';

export class ExperimentsGrpcClient {
  private readonly client: pb.ExperimentsClient;

  /**
   * `address`: host:port of `hirelearn serve learning-engine`; `security`: TLS and the token
   * to send (default: plaintext, the local token file if there is one).
   */
  constructor(
    address: string,
    private readonly deadlineMs = 30_000,
    security: ClientSecuritySettings = clientSecuritySettings({}),
  ) {
    const connection = clientConnection(address, security, {
      'grpc.max_receive_message_length': 64 << 20,
    });
    this.client = new pb.ExperimentsClient(address, connection.credentials, connection.options);
  }

  /** The variant of each user, in request order (opted-out users are never enrolled). */
  async assign(experimentId: string, userIds: readonly string[]): Promise<Assignment[]> {
    const request: pb.AssignRequest = { experiment_id: experimentId, user_ids: [...userIds] };
    const response = await unaryCall(this.client, this.client.assign, request, this.deadlineMs);
    return response.assignments.map((a) => ({
      user_id: a.user_id,
      variant_id: a.variant_id || null,
      value: JSON.parse(a.value_json) as VariantValue | null,
      reason: a.reason as AssignmentReason,
    }));
  }

  close(): void {
    this.client.close();
  }
}
