import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';

/**
 * Every route the running app serves, as "METHOD /api/path" with Nest's
 * `:param` names, read from the controllers' metadata (not a hand list).
 */
export function appRoutes(app: INestApplication, prefix = '/api'): string[] {
  const scanner = new MetadataScanner();
  const routes = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const base = pathsOf(Reflect.getMetadata(PATH_METADATA, controller));
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as object;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        for (const root of base) {
          for (const own of pathsOf(Reflect.getMetadata(PATH_METADATA, handler))) {
            const path = [prefix, root, own]
              .map((p) => p.replace(/^\/+|\/+$/g, ''))
              .filter(Boolean);
            routes.add(`${RequestMethod[method]} /${path.join('/')}`);
          }
        }
      }
    }
  }
  return [...routes].sort();
}

function pathsOf(value: string | string[] | undefined): string[] {
  if (value === undefined) return [''];
  return Array.isArray(value) ? value : [value];
}
