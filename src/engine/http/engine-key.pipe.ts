import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { isEngineKey } from './engine-key.validator';

/** Path parameters that are engine keys: refused with 400 unless a decimal int64, then normalised. */
@Injectable()
export class EngineKeyPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isEngineKey(value)) {
      throw new BadRequestException({
        message: 'Chiave non valida: deve essere un numero intero di al massimo 19 cifre.',
        details: [{ field: metadata.data ?? 'key', messages: ['formato non valido'] }],
      });
    }
    return BigInt(value).toString();
  }
}
