import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { RunningWebApp } from '../../support/web-app';

/**
 * As an SME on the Agreement screen's "Pre-labels and anchoring" card: offers the prediction
 * source `source` to every labeler, none kept blind, and waits until the host holds that plan.
 * Returns the card, for what the test checks on it next.
 */
export async function offerToEveryLabeler(page: Page, app: RunningWebApp, source: string): Promise<Locator> {
  await page.getByRole('link', { name: 'Agreement' }).click();
  const card = page.getByTestId('anchoring');
  await card.getByLabel('Labelers start from').selectOption({ label: source });
  await card.getByLabel('Kept blind (%)').fill('0');
  await card.getByRole('button', { name: 'Save' }).click();
  await expect.poll(async () => (await app.call<{ plan: { source: string } | null }>('prelabels.summary', {})).plan?.source).toBe(source);
  return card;
}
