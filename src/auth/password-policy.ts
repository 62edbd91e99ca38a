import { BadRequestException } from '@nestjs/common';
import { COMMON_PASSWORDS } from './common-passwords';

export const MIN_PASSWORD_LENGTH = 12;

/** What is wrong with a new password of a local account, in words its owner reads; empty: fine. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  const normalised = password.normalize('NFKC').toLowerCase();
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    problems.push(`deve contenere almeno ${MIN_PASSWORD_LENGTH} caratteri`);
  }
  if (username && normalised.includes(username.toLowerCase())) {
    problems.push('non deve contenere il nome utente');
  }
  if (COMMON_PASSWORDS.has(normalised)) {
    problems.push('è una password troppo comune: sceglierne una meno prevedibile');
  }
  return problems;
}

/** Throws 400 in the validation pipe's shape, naming the field, when the password breaks a rule. */
export function assertPasswordAllowed(password: string, username: string, field: string): void {
  const messages = passwordProblems(password, username);
  if (messages.length > 0) {
    throw new BadRequestException({
      message: 'La password scelta non rispetta le regole.',
      details: [{ field, messages }],
    });
  }
}
