import { decode as decodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';

/** Pixels beyond which an image is refused before decoding: a small file may unpack to gigabytes. */
const MAX_PIXELS = 60_000_000;

/** A PNG that decodes whole (every chunk's CRC, the image data); null when it does. */
export function pngProblem(content: Buffer): string | null {
  // IHDR is the first chunk: width and height at bytes 16–23.
  if (content.length < 33 || content.toString('latin1', 12, 16) !== 'IHDR') {
    return 'manca l’intestazione dell’immagine';
  }
  if (content.readUInt32BE(16) * content.readUInt32BE(20) > MAX_PIXELS) {
    return 'l’immagine è troppo grande';
  }
  try {
    PNG.sync.read(content);
    return null;
  } catch {
    return 'l’immagine è danneggiata o incompleta';
  }
}

/** A JPEG that decodes whole; null when it does. */
export function jpegProblem(content: Buffer): string | null {
  try {
    decodeJpeg(content, {
      useTArray: true,
      tolerantDecoding: false,
      maxResolutionInMP: MAX_PIXELS / 1_000_000,
      maxMemoryUsageInMB: 512,
    });
    return null;
  } catch {
    return 'l’immagine è danneggiata, incompleta o troppo grande';
  }
}
