import type {
  ChannelCredentials,
  Client,
  ClientOptions,
  ClientReadableStream,
} from '@grpc/grpc-js';
import { reconnectingStream, type ReconnectingStreamOptions } from './reconnecting-stream';
import { clientConnection } from './security/client';
import { clientSecuritySettings, type ClientSecuritySettings } from './security/settings';
import { unaryCall, type UnaryMethod } from './unary-call';

export interface ServiceClientOptions {
  /** Deadline of each unary call; default 30 s. */
  readonly deadline_ms?: number;
  /** TLS and the token to send (default: plaintext, the local token file if there is one). */
  readonly security?: ClientSecuritySettings;
}

/** A generated client's constructor. */
export type GeneratedClient<C> = new (
  address: string,
  credentials: ChannelCredentials,
  options: ClientOptions,
) => C;

/**
 * What every typed client over a generated one shares (registry, configuration channel): the
 * channel with its security, unary calls with the deadline, watches that reconnect, and close.
 */
export abstract class ServiceClient<C extends Client> {
  protected readonly client: C;
  private readonly deadlineMs: number;
  /** Set by close: a watch's pending reconnect then ends instead of calling a closed channel. */
  private closed = false;

  constructor(
    Generated: GeneratedClient<C>,
    address: string,
    options: ServiceClientOptions,
    channelOptions: ClientOptions = {},
  ) {
    const security = options.security ?? clientSecuritySettings({});
    const connection = clientConnection(address, security, channelOptions);
    this.client = new Generated(address, connection.credentials, connection.options);
    this.deadlineMs = options.deadline_ms ?? 30_000;
  }

  protected call<Req, Res>(method: UnaryMethod<Req, Res>, request: Req): Promise<Res> {
    return unaryCall(this.client, method, request, this.deadlineMs);
  }

  /** A reconnectingStream that stops reopening once this client is closed. */
  protected watchStream<T>(
    start: (reopened: boolean) => ClientReadableStream<T>,
    onMessage: (message: T) => void,
    options: ReconnectingStreamOptions,
  ): { close(): void } {
    return reconnectingStream(start, onMessage, { ...options, clientClosed: () => this.closed });
  }

  close(): void {
    this.closed = true;
    this.client.close();
  }
}
