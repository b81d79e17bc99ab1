#ifndef INSIGHT_CMOSQUITTO_SHIM_H
#define INSIGHT_CMOSQUITTO_SHIM_H

#include <mosquitto.h>
#include <mqtt_protocol.h>

#endif
