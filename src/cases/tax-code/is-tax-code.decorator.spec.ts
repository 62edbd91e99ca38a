import { plainToInstance, Transform } from 'class-transformer';
import { IsOptional, validate } from 'class-validator';
import { IsTaxCode } from './is-tax-code.decorator';
import { normaliseTaxCode } from './normalise-tax-code.util';

// Fictitious codes, hand-computed in the check-character and check-digit specs.
const PERSON = 'VRDPLA03T01H501N';
const ENTITY = '12345678903';

class PersonDto {
  @IsTaxCode()
  taxCode!: unknown;
}

class PersonOrEntityDto {
  @IsTaxCode({ allowLegalEntity: true })
  taxCode!: string;
}

class OptionalDto {
  @IsOptional()
  @IsTaxCode()
  taxCode?: string;
}

class HouseholdDto {
  @IsTaxCode({}, { each: true })
  members!: string[];
}

class CustomMessageDto {
  @IsTaxCode({}, { message: 'Codice fiscale del richiedente non valido.' })
  taxCode!: string;
}

class NormalisingDto {
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normaliseTaxCode(value) : value,
  )
  @IsTaxCode()
  taxCode!: string;
}

async function messages(dto: object): Promise<string[]> {
  const errors = await validate(dto);
  return errors.flatMap((error) => Object.values(error.constraints ?? {}));
}

describe('@IsTaxCode', () => {
  it('accepts a valid code of a person, in any case and spacing', async () => {
    expect(await messages(plainToInstance(PersonDto, { taxCode: PERSON }))).toEqual([]);
    expect(await messages(plainToInstance(PersonDto, { taxCode: ' vrdpla 03t01 h501n ' }))).toEqual(
      [],
    );
  });

  it('gives the Italian reason of the failure', async () => {
    expect(await messages(plainToInstance(PersonDto, { taxCode: 'VRDPLA03T01H501' }))).toEqual([
      'Il codice fiscale deve avere 16 caratteri.',
    ]);
    expect(await messages(plainToInstance(PersonDto, { taxCode: 'VRDPLA03T01H501A' }))).toEqual([
      'Il carattere di controllo non corrisponde: verificare il codice fiscale.',
    ]);
    expect(await messages(plainToInstance(PersonDto, { taxCode: 42 }))).toEqual([
      'Il codice fiscale deve essere un testo.',
    ]);
    expect(await messages(plainToInstance(PersonDto, {}))).toEqual([
      'Il codice fiscale è obbligatorio.',
    ]);
  });

  it('names the property and the constraint', async () => {
    const [error] = await validate(plainToInstance(PersonDto, { taxCode: ENTITY }));
    expect(error.property).toBe('taxCode');
    expect(error.constraints).toEqual({
      isTaxCode:
        'Il codice fiscale numerico di 11 cifre è quello di un ente: per una persona il codice fiscale ha 16 caratteri.',
    });
  });

  it('accepts the numeric code of an entity only when asked', async () => {
    expect(await messages(plainToInstance(PersonOrEntityDto, { taxCode: ENTITY }))).toEqual([]);
    expect(await messages(plainToInstance(PersonOrEntityDto, { taxCode: PERSON }))).toEqual([]);
    expect(await messages(plainToInstance(PersonOrEntityDto, { taxCode: '12345678904' }))).toEqual([
      'Il carattere di controllo non corrisponde: verificare il codice fiscale.',
    ]);
  });

  it('works with @IsOptional', async () => {
    expect(await messages(plainToInstance(OptionalDto, {}))).toEqual([]);
    expect(await messages(plainToInstance(OptionalDto, { taxCode: 'X' }))).toEqual([
      'Il codice fiscale deve avere 16 caratteri.',
    ]);
  });

  it('validates each element of an array', async () => {
    expect(await messages(plainToInstance(HouseholdDto, { members: [PERSON, PERSON] }))).toEqual(
      [],
    );
    expect(
      await messages(plainToInstance(HouseholdDto, { members: [PERSON, 'VRDPLA03T01H501A'] })),
    ).toEqual(['Il carattere di controllo non corrisponde: verificare il codice fiscale.']);
    expect(
      await messages(Object.assign(new HouseholdDto(), { members: new Set([PERSON, 'X']) })),
    ).toEqual(['Il codice fiscale deve avere 16 caratteri.']);
  });

  it('lets the DTO replace the message', async () => {
    expect(await messages(plainToInstance(CustomMessageDto, { taxCode: 'X' }))).toEqual([
      'Codice fiscale del richiedente non valido.',
    ]);
  });

  it('pairs with @Transform to keep the code normalised', async () => {
    const dto = plainToInstance(NormalisingDto, { taxCode: ' vrdpla 03t01 h501n ' });
    expect(dto.taxCode).toBe(PERSON);
    expect(await messages(dto)).toEqual([]);
  });
});
