import { Config } from '@backstage/config';
import {
  GitHosting,
  readServicesConfig,
  ServicesConfig,
} from '@platform-portal/platform-node';
import {
  serviceRepoPublishers,
  ServiceRepoPublisherFor,
} from './publish/serviceRepoPublishers';

/** What the service actions share, read from config once (in the module's init). */
export interface ServiceActionDeps {
  services: ServicesConfig;
  /** Hosts of `integrations.github`: the RepoUrlPicker hosts the server accepts. */
  githubHosts: string[];
  /** GitHub or local, per picked repository (tests replace it). */
  publisherFor: ServiceRepoPublisherFor;
}

export function serviceActionDeps(config: Config): ServiceActionDeps {
  const services = readServicesConfig(config);
  const hosting = GitHosting.fromConfig(config);
  return {
    services,
    githubHosts: hosting.githubHosts(),
    publisherFor: serviceRepoPublishers(hosting, services.localRepositoriesDir),
  };
}
