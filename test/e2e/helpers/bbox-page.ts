import type { Page } from 'playwright-core';

export interface Point {
  x: number;
  y: number;
}

/** Reads where the canvas shows the image, so tests can aim at image pixels with a real mouse. */
export async function canvasTransform(page: Page): Promise<{ scale: number; offset: Point; origin: Point }> {
  const canvas = page.getByTestId('bbox-canvas');
  const [scale, offset, box] = await Promise.all([canvas.getAttribute('data-scale'), canvas.getAttribute('data-offset'), canvas.boundingBox()]);
  const [ox, oy] = (offset ?? '0,0').split(',').map(Number);
  return { scale: Number(scale), offset: { x: ox!, y: oy! }, origin: { x: box!.x, y: box!.y } };
}

export async function toScreen(page: Page, image: Point): Promise<Point> {
  const t = await canvasTransform(page);
  return { x: t.origin.x + t.offset.x + image.x * t.scale, y: t.origin.y + t.offset.y + image.y * t.scale };
}

/** A press-move-release in image coordinates, moving in steps as a hand does. */
export async function dragImage(page: Page, from: Point, to: Point): Promise<void> {
  const a = await toScreen(page, from);
  const b = await toScreen(page, to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x, b.y, { steps: 5 });
  await page.mouse.up();
}

export async function clickImage(page: Page, at: Point): Promise<void> {
  const p = await toScreen(page, at);
  await page.mouse.click(p.x, p.y);
}

/** The boxes as the side panel lists them: "class x1,y1 → x2,y2". */
export async function listedBoxes(page: Page): Promise<string[]> {
  return page
    .locator('.box-row')
    .evaluateAll((rows) => rows.map((row) => `${row.querySelector('.box-class')?.textContent} ${row.querySelector('.box-coords')?.textContent}`));
}

/** Adds a labeler profile through "Working as" and works as them. */
export async function becomeNewLabeler(page: Page, name: string): Promise<void> {
  await page.getByLabel('Working as').selectOption({ label: 'New profile…' });
  await page.getByLabel('New labeler name').fill(name);
  await page.getByRole('button', { name: 'Add' }).click();
  await page.getByLabel('Working as').locator('option:checked', { hasText: name }).waitFor({ state: 'attached' });
}

/** Opens the Label area and waits until the image is laid out on the canvas. */
export async function openLabelArea(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Label', exact: true }).click();
  await page.getByTestId('bbox-canvas').waitFor();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="bbox-canvas"]')?.getAttribute('data-scale')) > 0);
}
