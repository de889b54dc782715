// An HF folder with a vision tower imports as the text model plus the tower on its spec: the vision
// tensors stay out of the text model's weights (they are the projector's), and the projector member the
// app adds beside it has the bytes the CLI reports.

import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/core/estimate/index';
import { visionTensors, visionWeightsBytes, visionParameterCount, type VisionTower } from '../../src/core/multi/projector-hf';
import { visionProjectorMember } from '../../src/core/multi/projector-member';
import { importHfModel } from '../../src/main/services/import/hf-folder';
import { elementsOf, makeTempDir, TINY, tinyLlamaConfig, tinyLlamaTensors, writeHfFolder, type TensorDef } from './import-support';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir('hf-vision')));
afterAll(() => cleanup());

const VISION = {
  depth: 2,
  hidden_size: 32,
  intermediate_size: 64,
  num_heads: 2,
  out_hidden_size: TINY.hidden,
  patch_size: 14,
  spatial_merge_size: 2,
  temporal_patch_size: 2,
  in_chans: 3,
};

describe('importHfModel with a vision_config', () => {
  it('Qwen2.5-VL layout: text weights without the visual.* tensors, the tower on the spec', async () => {
    const folder = join(dir, 'tiny-qwen25vl');
    const config = tinyLlamaConfig(TINY, {
      architectures: ['Qwen2_5_VLForConditionalGeneration'],
      model_type: 'qwen2_5_vl',
      vision_config: VISION,
    });
    const text = tinyLlamaTensors();
    const expectedTower: VisionTower = {
      family: 'qwen2.5-vl',
      modelType: 'qwen2_5_vl',
      layers: 2,
      width: 32,
      ffn: 64,
      heads: 2,
      patchSize: 14,
      channels: 3,
      imageSize: 0,
      textWidth: TINY.hidden,
      merge: 2,
      temporalPatch: 2,
    };
    const vision: TensorDef[] = visionTensors(expectedTower).map((t) => ({ name: `visual.${t.name}`, dtype: 'BF16', shape: t.shape }));
    await writeHfFolder(folder, config, [...text, ...vision]);
    const hf = await importHfModel(folder);
    expect(hf.input.spec.vision).toEqual(expectedTower);
    expect(hf.parameterCount).toBe(elementsOf(text));
    expect(hf.input.tensors).toHaveLength(text.length);
    expect(hf.warnings.join(' ')).toContain(`Left out ${visionParameterCount(expectedTower)} parameters of the vision encoder`);
    expect(elementsOf(vision)).toBe(visionParameterCount(expectedTower));

    const vm = visionProjectorMember(hf.input, defaultSettings())!;
    expect(vm.member.role).toBe('vision-projector');
    expect(vm.member.id).toBe('mmproj-tiny-qwen25vl-f16.gguf');
    expect(vm.member.fixed?.weightsBytes).toBe(visionWeightsBytes(expectedTower, 'f16'));
  });

  it("Gemma 3 27B's real config.json: the SigLIP tower, and a projector of the ggml-org file's tensor bytes", async () => {
    const hf = await importHfModel(resolve(__dirname, '../fixtures/hf/gemma-3-27b-it'));
    expect(hf.input.spec.vision?.family).toBe('gemma3');
    expect(hf.parameterCount).toBe(27_009_346_304);
    const vm = visionProjectorMember(hf.input, defaultSettings())!;
    expect(vm.projector.weightsBytes).toBe(857_714_112);
    expect(vm.projector.tokens.perImage).toBe(256);
  });

  it('a text-only folder has no projector member', async () => {
    const folder = join(dir, 'tiny-text');
    await writeHfFolder(folder, tinyLlamaConfig(), tinyLlamaTensors());
    const hf = await importHfModel(folder);
    expect(hf.input.spec.vision).toBeUndefined();
    expect(visionProjectorMember(hf.input, defaultSettings())).toBeNull();
  });
});
