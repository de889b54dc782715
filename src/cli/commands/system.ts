import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatGiB } from '../../core/units';
import { readSystemInfo } from '../../main/services/system-info';
import { CliError, type CliCommand } from '../types';

export function parseOrThrow<T extends ParseArgsConfig>(args: string[], config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs({ ...config, args, strict: true }) as ReturnType<typeof parseArgs<T>>;
  } catch (error) {
    // parseArgs messages are already one sentence ("Unknown option '--x'").
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

export const system: CliCommand = async (args, io) => {
  const { values } = parseOrThrow(args, { options: { json: { type: 'boolean' } }, allowPositionals: false });
  const info = await readSystemInfo();
  if (values.json) {
    io.out(JSON.stringify(info, null, 2));
    return 0;
  }
  io.out(`OS   ${info.os.distro} ${info.os.release} (${info.os.platform}, ${info.os.arch})`);
  io.out(`CPU  ${info.cpu.brand}, ${info.cpu.cores} cores / ${info.cpu.threads} threads`);
  const avail = info.ram.availableBytes !== null ? `, ${formatGiB(info.ram.availableBytes)} available` : '';
  io.out(`RAM  ${formatGiB(info.ram.totalBytes)} total${avail}`);
  return 0;
};
