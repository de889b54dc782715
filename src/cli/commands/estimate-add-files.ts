// --mmproj FILE and --lora FILE|FOLDER: the projector's or adapter's header read from disk by the reader the
// app's import buttons share (main/services/import/adapter-files), each failure one sentence naming the flag
// and the file.

import { basename } from 'node:path';
import type { FixedBytes, LoraInfo, ProjectorInfo } from '../../core/multi/index';
import { AdapterFileError, readLoraPath, readProjectorFile } from '../../main/services/import/adapter-files';
import { CliError } from '../types';

async function asCli<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (err) {
    if (err instanceof AdapterFileError) throw new CliError(err.message);
    throw err;
  }
}

export function readProjector(path: string): Promise<{ info: ProjectorInfo; fixed: FixedBytes }> {
  return asCli(readProjectorFile(path, (p) => `--mmproj ${basename(p)}`));
}

export function readLora(path: string): Promise<{ info: LoraInfo; fixed: FixedBytes }> {
  return asCli(readLoraPath(path, (p) => `--lora ${basename(p)}`));
}
