// For the TypeORM CLI (`npm run migration:generate`) against DATABASE_URL.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { entities } from './entities';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL must point at a PostgreSQL database for the TypeORM CLI');

export default new DataSource(dataSourceOptions({ url }, entities));
