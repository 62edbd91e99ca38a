import { applyDecorators, StreamableFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes } from '@nestjs/swagger';
import { Response } from 'express';
import { DocumentContent, MAX_DOCUMENT_BYTES } from './documents.service';

/** One multipart file in the field `file`, at most 10 MB (its type is checked by content later). */
export function DocumentUpload(): MethodDecorator {
  return applyDecorators(
    ApiConsumes('multipart/form-data'),
    UseInterceptors(
      FileInterceptor('file', {
        limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1 },
        // Browsers send the file name in UTF-8 without saying so: relazione_àèé.pdf stays itself.
        defParamCharset: 'utf8',
      }),
    ),
  );
}

/** A stored document as a download that the browser never renders in the app's origin. */
export function documentDownload(response: Response, document: DocumentContent): StreamableFile {
  response.setHeader('Content-Security-Policy', 'sandbox');
  return new StreamableFile(document.content, {
    type: document.contentType,
    disposition: `attachment; filename*=UTF-8''${encodeURIComponent(document.fileName)}`,
  });
}

/** The optional description field of an upload, bounded. */
export function uploadDescription(description: unknown): string | undefined {
  return typeof description === 'string' ? description.slice(0, 500) : undefined;
}
