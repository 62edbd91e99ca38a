import { api, query } from '../../api/client';

/** A person of the registry (POST/GET /api/persons). */
export interface Person {
  id: string;
  taxCode: string | null;
  surname: string;
  name: string;
  birthDate: string | null;
  sex: 'F' | 'M' | null;
}

/** GET /api/persons/:id: the person with their households and the cases the caller may open. */
export interface PersonDetail extends Person {
  birthPlace?: string | null;
  citizenship?: string | null;
  phone?: string | null;
  email?: string | null;
  households?: Array<{
    id: string;
    address: string;
    unitCode: string;
    relationship: string;
  }>;
  cases?: Array<{ id: string; caseNumber: string }>;
}

export interface NewPerson {
  taxCode?: string;
  surname: string;
  name: string;
  birthDate?: string;
  sex?: 'F' | 'M';
  birthPlace?: string;
  citizenship?: string;
  phone?: string;
  email?: string;
}

/** A tax code (exactly) or the start of the surname and name: at most 20 people. */
export function findPersons(text: string): Promise<Person[]> {
  const value = text.trim();
  const looksLikeTaxCode = /^[A-Za-z]{6}[0-9LMNPQRSTUV]{2}/.test(value.replace(/\s/g, ''));
  return api<Person[]>(
    'GET',
    `/persons${query(looksLikeTaxCode ? { taxCode: value.replace(/\s/g, '') } : { name: value })}`,
  );
}

export const registerPerson = (person: NewPerson) => api<Person>('POST', '/persons', person);

export const fullName = (p: Pick<Person, 'surname' | 'name'>) => `${p.surname} ${p.name}`;
