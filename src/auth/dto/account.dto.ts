import { ApiProperty } from '@nestjs/swagger';
import { Account } from '../entities/account.entity';
import { Role } from '../role';

export class AccountDto {
  id!: string;
  username!: string;
  displayName!: string;

  @ApiProperty({ enum: Role })
  role!: Role;

  @ApiProperty({ type: String, nullable: true })
  unitCode!: string | null;
}

export function toAccountDto(account: Account): AccountDto {
  const { id, username, displayName, role, unitCode } = account;
  return { id, username, displayName, role, unitCode };
}
