/**
 * The TLS and credential options of the CLI: `serve ...` commands take the server's, commands
 * that call a service over gRPC take the client's. Options win over the HIRELEARN_* variables.
 */
import type { Command } from 'commander';
import { clientSecurityVariables, serverSecurityVariables } from '@hirelearn/env';
import {
  clientSecuritySettings,
  serverSecuritySettings,
  type ClientSecuritySettings,
  type ServerSecuritySettings,
} from '@hirelearn/rpc';

export interface ServerSecurityOpts {
  tlsCert?: string;
  tlsKey?: string;
  tlsClientCa?: string;
  credentials?: string;
  insecure?: boolean;
}

export const serverSecurityOptions = (c: Command): Command =>
  c
    .option('--tls-cert <file>', 'PEM server certificate chain: TLS (default HIRELEARN_TLS_CERT)')
    .option('--tls-key <file>', 'PEM private key of the certificate (default HIRELEARN_TLS_KEY)')
    .option(
      '--tls-client-ca <file>',
      'PEM CA of client certificates: mutual TLS, clients without one are refused (default HIRELEARN_TLS_CLIENT_CA)',
    )
    .option(
      '--credentials <file>',
      'JSON principals (identity, role, token sha256 or certificate name); default HIRELEARN_CREDENTIALS, else the local token in .hirelearn/token',
    )
    .option(
      '--insecure',
      'allow listening beyond loopback without TLS (default HIRELEARN_INSECURE); warned about',
    );

export function serverSecurityFrom(opts: ServerSecurityOpts): ServerSecuritySettings {
  return serverSecuritySettings(serverSecurityVariables(process.env), {
    ...(opts.tlsCert !== undefined && { tlsCertFile: opts.tlsCert }),
    ...(opts.tlsKey !== undefined && { tlsKeyFile: opts.tlsKey }),
    ...(opts.tlsClientCa !== undefined && { tlsClientCaFile: opts.tlsClientCa }),
    ...(opts.credentials !== undefined && { credentialsFile: opts.credentials }),
    ...(opts.insecure !== undefined && { insecure: opts.insecure }),
  });
}

export interface ClientSecurityOpts {
  tlsCa?: string;
  tlsClientCert?: string;
  tlsClientKey?: string;
  tokenFile?: string;
  insecure?: boolean;
}

export const clientSecurityOptions = (c: Command): Command =>
  c
    .option('--tls-ca <file>', 'PEM CA of the server certificate: TLS (default HIRELEARN_TLS_CA)')
    .option(
      '--tls-client-cert <file>',
      'PEM client certificate for mutual TLS (default HIRELEARN_TLS_CLIENT_CERT)',
    )
    .option('--tls-client-key <file>', 'its private key (default HIRELEARN_TLS_CLIENT_KEY)')
    .option(
      '--token-file <file>',
      'file holding the bearer token (default HIRELEARN_TOKEN, else HIRELEARN_TOKEN_FILE or .hirelearn/token)',
    )
    .option(
      '--insecure',
      'allow sending the token without TLS beyond loopback (default HIRELEARN_INSECURE)',
    );

export function clientSecurityFrom(opts: ClientSecurityOpts): ClientSecuritySettings {
  return clientSecuritySettings(clientSecurityVariables(process.env), {
    ...(opts.tlsCa !== undefined && { tlsCaFile: opts.tlsCa, tls: true }),
    ...(opts.tlsClientCert !== undefined && { tlsClientCertFile: opts.tlsClientCert }),
    ...(opts.tlsClientKey !== undefined && { tlsClientKeyFile: opts.tlsClientKey }),
    // A file named on the command line wins over HIRELEARN_TOKEN too.
    ...(opts.tokenFile !== undefined && {
      token: null,
      tokenFile: opts.tokenFile,
      tokenFileNamed: true,
    }),
    ...(opts.insecure !== undefined && { insecure: opts.insecure }),
  });
}
