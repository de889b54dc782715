// Electron's open dialogs behind main's Dialogs: every path the app reads is one the user picked here, never
// one the page sends.

import type { Dialogs } from './handlers';

export function nativeDialogs(pick: (options: Electron.OpenDialogOptions) => Promise<string | null>): Dialogs {
  return {
    openModelFile: () =>
      pick({
        title: 'Import a GGUF model',
        properties: ['openFile'],
        filters: [
          { name: 'GGUF', extensions: ['gguf'] },
          { name: 'All files', extensions: ['*'] },
        ],
      }),
    // Windows and Linux dialogs pick files or folders, never both: there the folder choice is folder-only and
    // config.json has its own button. macOS can do both in one panel, so it keeps accepting either.
    openModelFolderOrConfig: () =>
      pick(
        process.platform === 'darwin'
          ? {
              title: 'Import a Hugging Face model folder or config.json',
              properties: ['openFile', 'openDirectory'],
              filters: [{ name: 'config.json', extensions: ['json'] }],
            }
          : { title: 'Import a Hugging Face model folder', properties: ['openDirectory'] },
      ),
    openConfigFile: () =>
      pick({
        title: 'Import a Hugging Face config.json',
        properties: ['openFile'],
        filters: [
          { name: 'config.json', extensions: ['json'] },
          { name: 'All files', extensions: ['*'] },
        ],
      }),
    openFolder: () => pick({ title: 'Add a folder to scan for models', properties: ['openDirectory'] }),
    // A PEFT adapter is picked through its adapter_config.json or adapter_model.safetensors: Windows and Linux
    // dialogs cannot offer a file or a folder in one panel.
    openAdapterFile: (kind) =>
      pick(
        kind === 'mmproj'
          ? {
              title: 'Import a vision projector (mmproj GGUF)',
              properties: ['openFile'],
              filters: [{ name: 'GGUF', extensions: ['gguf'] }],
            }
          : {
              title: 'Import a LoRA adapter (GGUF, or a PEFT folder’s adapter_config.json)',
              properties: ['openFile'],
              filters: [{ name: 'LoRA adapter', extensions: ['gguf', 'json', 'safetensors'] }],
            },
      ),
  };
}
