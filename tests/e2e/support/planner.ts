// Choosing hardware by hand the way a user does it in Compare: switch to "choose GPUs", add the GPU from
// the catalog list (the list starts empty: nothing is planned for hardware nobody chose), set the count.

import type { Page } from 'playwright-core';

export async function chooseGpu(page: Page, catalogId: string, count: number): Promise<void> {
  await page.getByTestId('hw-mode-custom').check();
  if ((await page.getByTestId('custom-gpu-0').count()) === 0) {
    await page.getByTestId('add-gpu-select').selectOption(catalogId);
    await page.getByTestId('add-gpu').click();
  } else {
    await page.getByTestId('custom-gpu-0-model').selectOption(catalogId);
  }
  await page.getByTestId('custom-gpu-0-count').fill(String(count));
}
