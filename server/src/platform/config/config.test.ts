import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { s3OptionsFromConfig } from '../files/index.ts';
import { ConfigError, loadConfig } from './index.ts';

const base = () => ({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'yiwang-config-')), NODE_ENV: 'development' });

describe('loadConfig', () => {
  it('names every object-storage setting that FILE_STORE=s3 lacks, at start-up', () => {
    expect(() => loadConfig({ ...base(), FILE_STORE: 's3', S3_BUCKET: 'cases' })).toThrow(ConfigError);
    try {
      loadConfig({ ...base(), FILE_STORE: 's3', S3_BUCKET: 'cases' });
    } catch (err) {
      expect((err as Error).message).toContain('S3_ENDPOINT');
      expect((err as Error).message).toContain('S3_SECRET_ACCESS_KEY');
      expect((err as Error).message).not.toContain('S3_BUCKET:');
    }
  });

  it('gives the file store its settings from the config, not from the process environment', () => {
    const config = loadConfig({
      ...base(),
      FILE_STORE: 's3',
      S3_ENDPOINT: 'https://oss.example.gov.cn',
      S3_BUCKET: 'cases',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_FORCE_PATH_STYLE: 'false',
    });
    expect(s3OptionsFromConfig(config)).toEqual({
      endpoint: 'https://oss.example.gov.cn',
      bucket: 'cases',
      region: 'us-east-1',
      accessKeyId: 'id',
      secretAccessKey: 'secret',
      sessionToken: undefined,
      forcePathStyle: false,
      prefix: undefined,
    });
    expect(loadConfig(base()).FILE_STORE).toBe('local');
  });

  it('refuses a file store it does not know', () => {
    expect(() => loadConfig({ ...base(), FILE_STORE: 'ftp' })).toThrow(/FILE_STORE/);
  });
});
