#ifndef BOMCHECK_CLIBYAML_SHIM_H
#define BOMCHECK_CLIBYAML_SHIM_H
#include <yaml.h>
#endif
