import type { Readable } from 'node:stream';
import type { FileStore } from './store.ts';

export interface S3Options {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style URLs (MinIO, most on-premises stores). */
  forcePathStyle?: boolean;
}

/**
 * S3-compatible object storage (MinIO, Huawei OBS, Alibaba OSS, …): the adapter a city uses when
 * several server processes share files. This is the seam only: the requests (SigV4-signed PUT,
 * GET, DELETE, HEAD) are not written yet, and tests never call the network. Until then, run one
 * process with the local-disk store, or mount a shared volume as DATA_DIR/files.
 */
export class S3FileStore implements FileStore {
  readonly kind = 's3';
  constructor(readonly options: S3Options) {}
  private notYet(): never {
    throw new Error(`S3 file store (${this.options.endpoint}/${this.options.bucket}) is not implemented yet; use the local-disk store`);
  }
  async put(_key: string, _data: Buffer): Promise<void> {
    this.notYet();
  }
  async get(_key: string): Promise<Readable> {
    this.notYet();
  }
  async read(_key: string): Promise<Buffer> {
    this.notYet();
  }
  async delete(_key: string): Promise<void> {
    this.notYet();
  }
  async exists(_key: string): Promise<boolean> {
    this.notYet();
  }
}
