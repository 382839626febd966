import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataUri, localImages } from '../parsers/html/images';
import { imageSize, isReadableImage } from '../parsers/image/read-image';
import { declaredDpi } from '../parsers/ocr/decode-image';
import { CORPUS } from './helpers';

// Where the pictures of a web page may come from: inline, or beside the page, never elsewhere.
const PAGE = join(CORPUS, 'image', '003-jinfeng-report-image.html');
const PICTURE = join(CORPUS, 'image', 'images', 'jinfeng-table-1.png');

describe('images of a page saved on disk', () => {
  const load = localImages(PAGE);

  it('reads a picture in the page’s own folder', async () => {
    expect(await load('images/jinfeng-table-1.png')).toEqual(new Uint8Array(readFileSync(PICTURE)));
    expect(await load('./images/jinfeng-table-1.png?v=2#x')).not.toBeNull();
  });

  it.each(['../html/003-jinfeng-evaluation-report.html', 'images/../../README.md', '/etc/hostname', 'http://127.0.0.1/a.png', '//example.invalid/a.png', 'file:///etc/hostname', 'images/missing.png'])(
    'never loads %s',
    async (src) => {
      expect(await load(src)).toBeNull();
    },
  );

  it('reads inline data: pictures, and only those, without a path', async () => {
    const png = readFileSync(PICTURE);
    expect(dataUri(`data:image/png;base64,${png.toString('base64')}`)).toEqual(new Uint8Array(png));
    expect(await localImages(undefined)('images/jinfeng-table-1.png')).toBeNull();
    expect(dataUri('data:text/html;base64,PGgxPg==')).toBeNull();
  });

  it('tells a table picture from an icon by its header, before decoding', () => {
    expect(imageSize(readFileSync(PICTURE))).toEqual({ width: 1080, height: 828, type: 'png' });
    expect(isReadableImage(readFileSync(PICTURE))).toBe(true);
    const icon = Buffer.from(readFileSync(PICTURE));
    icon.writeUInt32BE(32, 16);
    icon.writeUInt32BE(32, 20);
    expect(isReadableImage(icon)).toBe(false);
    expect(declaredDpi(readFileSync(PICTURE))).toBeUndefined();
  });
});
