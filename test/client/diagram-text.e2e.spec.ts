import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIAGRAM_TEXT } from '../../client/src/bpmn/diagram-text';
import { Browser, describeInBrowser, openBrowser } from './browser';

const PATHS = join(__dirname, '../../bpmn/paths');
const VIEWER = require.resolve('bpmn-js/dist/bpmn-navigated-viewer.production.min.js');

/**
 * The read-only diagrams (a case's position, a path's bottlenecks) draw every shipped path's step
 * names inside their boxes: the names are whole Italian sentences in 100×80 boxes.
 */
describeInBrowser('step names on the read-only diagrams', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser('http://127.0.0.1/');
    await browser.page.setContent('<div id="canvas" style="width: 1600px; height: 1000px"></div>');
    await browser.page.addScriptTag({ path: VIEWER });
  });
  afterAll(() => browser.close());

  it.each(readdirSync(PATHS).filter((file) => file.endsWith('.bpmn')))(
    '%s: each name fits its box',
    async (file) => {
      const xml = readFileSync(join(PATHS, file), 'utf8');
      const spilling = await browser.page.evaluate(
        async ({ xml, options }) => {
          // In the page: the bpmn-js bundle's global, SVG elements (no DOM types here).
          type Drawn = { getBBox(): { height: number } } | null;
          const scope = globalThis as unknown as {
            BpmnJS: new (options: object) => {
              importXML(xml: string): Promise<unknown>;
              destroy(): void;
            };
            document: { querySelectorAll(selector: string): Iterable<Element> };
          };
          interface Element {
            querySelector(selector: string): unknown;
            getAttribute(name: string): string | null;
          }
          const viewer = new scope.BpmnJS({ container: '#canvas', ...options });
          try {
            await viewer.importXML(xml);
            return [...scope.document.querySelectorAll('.djs-shape')]
              .filter((shape) => {
                const box = shape.querySelector('.djs-visual > rect') as Drawn;
                const name = shape.querySelector('.djs-visual > text') as Drawn;
                return box && name && name.getBBox().height > box.getBBox().height;
              })
              .map((shape) => shape.getAttribute('data-element-id'));
          } finally {
            viewer.destroy();
          }
        },
        { xml, options: DIAGRAM_TEXT },
      );
      expect(spilling).toEqual([]);
    },
  );
});
