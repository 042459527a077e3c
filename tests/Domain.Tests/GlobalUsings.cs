global using Registry.Domain.Access;
global using Registry.Domain.Common;
global using Registry.Domain.Households;
global using Registry.Domain.People;
global using Registry.Domain.Policy;
global using Registry.Domain.Procedures;
global using Registry.Domain.Tests.Specs;
global using static Registry.Domain.Tests.Specs.Spec;
