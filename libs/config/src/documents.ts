import {
  insertOnce,
  type DocumentCollection,
  type DocumentStore,
  type StoredDocument,
} from '@hirelearn/store';
import type { ConfigLayer, LayerConfigs } from './layers';

/** One published version of a layer's configuration, with its audit record. */
export interface ConfigVersion<L extends ConfigLayer = ConfigLayer> {
  readonly layer: L;
  /** 0 is the defaults; each publish or rollback adds one. */
  readonly version: number;
  readonly config: LayerConfigs[L];
  /** The authenticated identity that published it (`defaults` for version 0). */
  readonly published_by: string;
  /** RFC 3339; null for version 0. */
  readonly published_at: string | null;
  readonly reason: string;
  /** The recommendation this version applies, if any. */
  readonly recommendation_id: string | null;
  /** A rollback's new version equals this older one. */
  readonly rollback_of: number | null;
}

/**
 * How the channel lays itself out in the document store. The per-layer head document holds
 * the current version: every publish is one compare-and-set on it (`replaceIf`), so two
 * publishes of one layer cannot both win. The version it carries is copied to the versions
 * collection right after (and again by any reader that finds it missing), so a crash between
 * the two writes loses nothing and never leaves a half-published version.
 */
export interface HeadDoc extends StoredDocument {
  readonly layer: ConfigLayer;
  readonly current: ConfigVersion;
}

export type VersionDoc = StoredDocument & ConfigVersion;

export const headId = (layer: ConfigLayer): string => `layer-${layer}`;
/** Zero-padded so that `_id` order is version order. */
export const versionDocId = (layer: ConfigLayer, version: number): string =>
  `layer-${layer}@${String(version).padStart(10, '0')}`;

export interface ConfigCollections {
  readonly heads: DocumentCollection<HeadDoc>;
  readonly versions: DocumentCollection<VersionDoc>;
}

export function configCollections(documents: DocumentStore): ConfigCollections {
  return {
    heads: documents.collection<HeadDoc>('config_heads'),
    versions: documents.collection<VersionDoc>('config_versions', {
      indexes: ['layer', 'version'],
    }),
  };
}

/** Copies the head's current version to the versions collection unless it is there. */
export async function flushHead(c: ConfigCollections, head: HeadDoc): Promise<void> {
  const id = versionDocId(head.layer, head.current.version);
  if ((await c.versions.get(id)) === null)
    await insertOnce(c.versions, { ...head.current, _id: id });
}

/** A stored version without the store's fields. */
export function toConfigVersion(doc: VersionDoc | ConfigVersion): ConfigVersion {
  const { _id: _i, revision: _r, ...rest } = doc as VersionDoc;
  return Object.freeze(rest);
}
