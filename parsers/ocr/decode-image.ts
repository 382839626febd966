import { createCanvas, loadImage } from '@napi-rs/canvas';
import { checkPixels, imageSize } from '../limits';
import { grayFromRgba, type GrayImage } from './gray-image';

/** Scans are read at this resolution: table text (9–12 pt) comes out 25–35 px high. */
export const DEFAULT_DPI = 200;
/** An image narrower than this is upscaled before reading (web images are often 96 dpi). */
const MIN_IMAGE_WIDTH = 1400;
/** Resolution assumed for an image that does not state one (web images, screenshots). */
const ASSUMED_IMAGE_DPI = 96;

/**
 * Decodes a PNG or JPEG to a grayscale image. A small image is scaled up to about 200 dpi
 * worth of pixels (the reader needs characters some 20 px high); `dpi` then says how many
 * image pixels make an inch after scaling, so boxes convert to points consistently.
 */
export async function decodeImage(bytes: Uint8Array): Promise<GrayImage> {
  const header = imageSize(bytes);
  if (header) checkPixels(header.width, header.height, 'the image');
  const image = await loadImage(Buffer.from(bytes));
  const declared = declaredDpi(bytes) ?? ASSUMED_IMAGE_DPI;
  const scale = image.width < MIN_IMAGE_WIDTH ? Math.min(3, MIN_IMAGE_WIDTH / image.width) : 1;
  const width = Math.round(image.width * scale);
  const height = Math.round(image.height * scale);
  checkPixels(width, height, 'the image scaled for reading');
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.drawImage(image, 0, 0, width, height);
  return grayFromRgba(context.getImageData(0, 0, width, height).data, width, height, declared * scale);
}

/** The resolution a PNG (pHYs chunk) or JPEG (JFIF density) declares, if any. */
export function declaredDpi(bytes: Uint8Array): number | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length > 24 && buf.readUInt32BE(0) === 0x89504e47) {
    for (let at = 8; at + 8 <= buf.length; ) {
      const length = buf.readUInt32BE(at);
      const type = buf.toString('latin1', at + 4, at + 8);
      if (type === 'pHYs' && length >= 9 && buf[at + 16] === 1) {
        const dpi = Math.round(buf.readUInt32BE(at + 8) * 0.0254);
        return dpi >= 50 && dpi <= 1200 ? dpi : undefined;
      }
      if (type === 'IDAT' || type === 'IEND') return undefined;
      at += 12 + length;
    }
    return undefined;
  }
  if (buf.length > 20 && buf[0] === 0xff && buf[1] === 0xd8 && buf.toString('latin1', 6, 11) === 'JFIF\0') {
    const unit = buf[13];
    const density = buf.readUInt16BE(14);
    const dpi = unit === 1 ? density : unit === 2 ? Math.round(density * 2.54) : undefined;
    return dpi !== undefined && dpi >= 50 && dpi <= 1200 ? dpi : undefined;
  }
  return undefined;
}
