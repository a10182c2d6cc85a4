import type { Page } from 'playwright-core';

/**
 * Waits until Samples lists `count` cards and every card's picture has arrived. A test that
 * closes the project sooner leaves thumbnail requests in flight, which the server then
 * rightly answers 404 (the project they belong to is closed) and the page reports as errors.
 */
export async function waitForSampleCards(page: Page, count: number): Promise<void> {
  await page.waitForFunction((expected) => {
    const cards = [...document.querySelectorAll('[data-testid="sample-card"]')];
    return cards.length === expected && cards.every((card) => [...card.querySelectorAll('img')].every((img) => img.complete));
  }, count);
}
